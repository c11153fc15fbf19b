// Văn bản được trích dẫn nhiều nhất
MATCH (d:Document)<-[c:CITES]-()
RETURN d.name AS van_ban, d.placeholder AS chua_nap, count(c) AS so_lan_trich_dan
ORDER BY so_lan_trich_dan DESC
LIMIT 25
