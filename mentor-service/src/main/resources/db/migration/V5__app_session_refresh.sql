-- The dashboard's sessions renew their short member-service access token with its refresh token (issue 22). Kept
-- like the access token it renews: the cookie holds neither, only a random value whose hash keys this row.
alter table mentor_app_sessions add column refresh_token text;
