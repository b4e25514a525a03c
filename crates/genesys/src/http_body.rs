//! Response bodies read with a cap: a body larger than its limit fails clearly as soon as it
//! passes the limit, instead of being held whole in a 256 MB function.

use bytes::{Bytes, BytesMut};

/// Why a body could not be read.
#[derive(Debug)]
pub enum BodyError {
    /// More than the limit, in bytes.
    TooLarge {
        limit: usize,
    },
    Transport(reqwest::Error),
}

/// The whole body of `response`, at most `limit` bytes.
pub async fn read_capped(mut response: reqwest::Response, limit: usize) -> Result<Bytes, BodyError> {
    let announced = response.content_length().unwrap_or(0);
    if announced > limit as u64 {
        return Err(BodyError::TooLarge { limit });
    }
    let mut body = BytesMut::with_capacity(usize::try_from(announced).unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// A JSON body as `T`: its UTF-8 checked once for the whole body rather than string by string
/// (a transcript document holds thousands of strings).
pub fn decode_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => Err(<serde_json::Error as serde::de::Error>::custom(
            "the body is not UTF-8",
        )),
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    use super::*;

    #[test]
    fn json_bodies_decode_and_bytes_that_are_not_utf8_fail_clearly() {
        let text: Result<serde_json::Value, _> = decode_json(br#"{"text": "Caf\u00e9 \u20ac5", "n": 1}"#);
        assert_eq!(text.ok(), Some(serde_json::json!({"text": "Café €5", "n": 1})));
        let written: Result<String, _> = decode_json("\"Grüße\"".as_bytes());
        assert_eq!(written.ok().as_deref(), Some("Grüße"));
        let broken = decode_json::<serde_json::Value>(b"{\"text\": \"caf\xe9\"}");
        assert!(broken.is_err_and(|e| e.to_string().contains("not UTF-8")));
        assert!(decode_json::<serde_json::Value>(b"{\"text\": ").is_err());
    }

    /// Serves one raw HTTP answer: `body` bytes, announced (Content-Length) or chunked.
    async fn serve(body: Vec<u8>, announced: bool) -> String {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let address = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        tokio::spawn(async move {
            if let Ok((mut socket, _)) = listener.accept().await {
                // The request first (a GET: headers only), then the answer.
                let mut request = Vec::new();
                let mut buffer = [0u8; 1024];
                while !request.ends_with(b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(buffer.get(..n).unwrap_or_default()),
                    }
                }
                let mut answer = Vec::new();
                if announced {
                    answer
                        .extend(format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len()).bytes());
                    answer.extend(&body);
                } else {
                    answer.extend(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                    for chunk in body.chunks(1000) {
                        answer.extend(format!("{:x}\r\n", chunk.len()).bytes());
                        answer.extend(chunk);
                        answer.extend(b"\r\n");
                    }
                    answer.extend(b"0\r\n\r\n");
                }
                let _ = socket.write_all(&answer).await;
                let _ = socket.shutdown().await;
            }
        });
        format!("http://{address}/")
    }

    async fn read(body: Vec<u8>, announced: bool, limit: usize) -> Result<Bytes, BodyError> {
        let url = serve(body, announced).await;
        let client = reqwest::Client::builder()
            .no_proxy()
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        let response = client.get(url).send().await.unwrap_or_else(|e| panic!("{e:?}"));
        read_capped(response, limit).await
    }

    #[tokio::test]
    async fn a_body_within_the_limit_is_read_whole() {
        for announced in [true, false] {
            let body = read(vec![b'x'; 5000], announced, 5000).await;
            assert_eq!(body.map(|b| b.len()).ok(), Some(5000), "announced: {announced}");
        }
    }

    #[tokio::test]
    async fn a_body_past_the_limit_fails_announced_or_not() {
        for announced in [true, false] {
            let body = read(vec![b'x'; 5001], announced, 5000).await;
            assert!(
                matches!(body, Err(BodyError::TooLarge { limit: 5000 })),
                "announced: {announced}: {body:?}"
            );
        }
    }
}
