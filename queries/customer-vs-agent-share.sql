-- Who names each product: customers' and agents' mentions and the customers' share, in percent.
SELECT
    product_id,
    SUM(CASE WHEN speaker = 'customer' THEN mentions ELSE 0 END) AS customer_mentions,
    SUM(CASE WHEN speaker = 'agent' THEN mentions ELSE 0 END) AS agent_mentions,
    ROUND(100.0 * SUM(CASE WHEN speaker = 'customer' THEN mentions ELSE 0 END) / SUM(mentions), 1)
        AS customer_share_pct
FROM mentions
GROUP BY product_id
ORDER BY SUM(mentions) DESC, product_id
