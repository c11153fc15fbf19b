// Người ký nhiều văn bản nhất, với chức vụ khi ký
MATCH (p:Person)-[s:SIGNED]->(d:Document)
RETURN p.name AS nguoi_ky, collect(DISTINCT s.position) AS chuc_vu, count(d) AS so_van_ban
ORDER BY so_van_ban DESC
LIMIT 25
