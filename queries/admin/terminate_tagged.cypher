// End, on the server, the transactions a timed-out API request left running (tagged in their metadata).
SHOW TRANSACTIONS YIELD transactionId, metaData
WHERE metaData.danchieu_request = $tag
TERMINATE TRANSACTIONS transactionId
YIELD transactionId AS id, message
RETURN id, message
