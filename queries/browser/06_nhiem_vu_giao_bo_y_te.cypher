// Nhiệm vụ được giao cho Bộ Y tế, theo văn bản
MATCH (d:Document)-[a:ASSIGNS]->(:Agency {key: 'agency:bo-y-te'})
RETURN d.name AS van_ban, d.date AS ngay, a.task AS nhiem_vu
ORDER BY ngay DESC
LIMIT 50
