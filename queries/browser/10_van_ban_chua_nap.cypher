// Văn bản được trích dẫn nhưng chưa nạp vào đồ thị (nút giữ chỗ)
MATCH (d:Document {placeholder: true})<-[c:CITES]-()
RETURN d.name AS van_ban, d.key AS khoa, count(c) AS so_lan_trich_dan
ORDER BY so_lan_trich_dan DESC
LIMIT 50
