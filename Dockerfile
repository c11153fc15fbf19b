# The API and the ingest worker share this image (docker-compose.yml runs it twice).
# Stage 1 builds the explorer's static files with npm; stage 2 is the Python service.
FROM node:20-bookworm-slim AS explorer
WORKDIR /src/explorer
COPY explorer/package.json explorer/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY explorer/ ./
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY danchieu/ danchieu/
COPY api/ api/
COPY ingest/ ingest/
COPY graph/ graph/
COPY queries/ queries/
COPY data/ data/
RUN pip install .
COPY --from=explorer /src/api/static/explorer/ /app/api/static/explorer/
RUN useradd --create-home danchieu
USER danchieu
EXPOSE 8000
CMD ["danchieu", "serve", "--host", "0.0.0.0", "--port", "8000"]
