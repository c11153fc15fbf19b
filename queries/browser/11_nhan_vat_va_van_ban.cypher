// Văn bản nhắc đến Thủ tướng Phạm Minh Chính, với chức danh tại thời điểm văn bản
MATCH (d:Document)-[m:MENTIONS]->(p:Person {key: 'person:pham-minh-chinh'})
RETURN d.name AS van_ban, m.as_of AS ngay, coalesce(m.titles, []) AS chuc_danh, m.count AS so_lan
ORDER BY ngay
