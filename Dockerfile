# The API and the ingest worker share this image (docker-compose.yml runs it as api, worker and
# migrate). Stage 1 builds the explorer with npm, stage 2 builds the wheel with that build inside
# it (package data of api/static/explorer/), stage 3 installs only the wheel and runs as non-root.
# tests/install/ does what stages 2 and 3 do, without Docker (the README's Docker section says
# what that verifies and what only Docker can).
FROM node:20-bookworm-slim AS explorer
WORKDIR /src/explorer
COPY explorer/package.json explorer/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY explorer/ ./
RUN npm run build

FROM python:3.11-slim-bookworm AS wheel
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY danchieu/ danchieu/
COPY api/ api/
COPY ingest/ ingest/
COPY graph/ graph/
COPY queries/ queries/
COPY --from=explorer /src/api/static/explorer/ api/static/explorer/
RUN pip wheel --no-deps --wheel-dir /wheels . \
 && python -c "import sys, zipfile, glob; names = zipfile.ZipFile(glob.glob('/wheels/*.whl')[0]).namelist(); \
sys.exit(0 if any(n.endswith('static/explorer/index.html') for n in names) else 'the wheel has no explorer build')"

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DANCHIEU_API_HOST=0.0.0.0 DANCHIEU_API_PORT=8000
# A named volume mounted at /uploads starts with this directory's owner: the non-root user.
RUN useradd --create-home --uid 10001 danchieu \
 && mkdir -p /uploads /app && chown danchieu:danchieu /uploads /app
COPY --from=wheel /wheels/ /tmp/wheels/
RUN pip install /tmp/wheels/*.whl && rm -rf /tmp/wheels
# The sample corpus, for `docker compose run --rm worker danchieu ingest data/seeds`.
WORKDIR /app
COPY data/seeds/ data/seeds/
USER danchieu
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('DANCHIEU_API_PORT', '8000'), timeout=3)"
CMD ["danchieu", "serve"]
