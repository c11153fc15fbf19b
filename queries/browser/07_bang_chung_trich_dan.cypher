// Bằng chứng: câu văn chứa từng trích dẫn của Thông báo 285/TB-VPCP
MATCH (d:Document {key: '285/TB-VPCP@2021'})-[r:CITES]->(c:Document)
UNWIND range(0, size(r.ev_start) - 1) AS i
RETURN c.name AS van_ban_duoc_trich, r.kind AS loai, r.ev_text[i] AS doan_trich,
       r.ev_start[i] AS vi_tri, r.ev_sentence[i] AS cau
