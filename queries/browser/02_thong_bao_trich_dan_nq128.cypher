// Thông báo trích dẫn Nghị quyết 128/NQ-CP, kèm người ký
MATCH (t:ThongBao)-[c:CITES]->(nq:Document {key: '128/NQ-CP@2021'})
OPTIONAL MATCH (p:Person)-[:SIGNED]->(t)
RETURN t, c, nq, p
