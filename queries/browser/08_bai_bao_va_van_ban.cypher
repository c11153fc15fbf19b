// Bài báo và văn bản mà bài báo đưa tin
MATCH (b:Document)-[r:REPORTS_ON]->(d:Document)
RETURN b, r, d
LIMIT 50
