-- One product's daily trend: its mentions and the conversations that mentioned it, per day.
SELECT
    CAST(day AS DATE) AS day,
    SUM(mentions) AS mentions,
    COUNT(DISTINCT conversation_id) AS conversations
FROM mentions
WHERE product_id = 'acme-router-pro'
GROUP BY CAST(day AS DATE)
ORDER BY 1
