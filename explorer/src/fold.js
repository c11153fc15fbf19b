// Diacritic-free lower case, the same idea as ingest.textutil.fold on the server:
// "Nghị quyết" → "nghi quyet", "Đà Nẵng" → "da nang". Used for colour lookup and list filtering.
export function fold(text) {
  return String(text ?? "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .trim();
}
