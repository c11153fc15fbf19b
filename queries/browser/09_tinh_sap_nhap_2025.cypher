// Tỉnh, thành phố sáp nhập từ 01/7/2025
MATCH (p:Province)-[m:MERGED_INTO]->(q:Province)
RETURN p, m, q
