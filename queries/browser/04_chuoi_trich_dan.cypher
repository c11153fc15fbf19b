// Chuỗi trích dẫn: các văn bản mà Thông báo 285/TB-VPCP dựa vào, tới 3 bước
MATCH path = (:Document {key: '285/TB-VPCP@2021'})-[:CITES*1..3]->(:Document)
RETURN path
LIMIT 100
