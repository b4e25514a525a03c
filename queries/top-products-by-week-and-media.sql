-- Top products by week and media type: mentions by customers and agents, and the conversations
-- that mentioned each product. Weeks start on Monday. `day` is the partition: a predicate on it
-- (`WHERE day BETWEEN '2026-10-01' AND '2026-12-31'`) reads only those days' files.
SELECT
    CAST(date_trunc('week', CAST(day AS DATE)) AS DATE) AS week,
    media_type,
    product_id,
    SUM(mentions) AS mentions,
    COUNT(DISTINCT conversation_id) AS conversations
FROM mentions
GROUP BY CAST(date_trunc('week', CAST(day AS DATE)) AS DATE), media_type, product_id
ORDER BY week, media_type, SUM(mentions) DESC, product_id
