// Tổng quan: số nút theo nhãn
MATCH (n)
WHERE NOT n:IngestJob AND NOT n:`__SchemaMigration`
RETURN labels(n) AS nhan, count(*) AS so_luong
ORDER BY so_luong DESC
