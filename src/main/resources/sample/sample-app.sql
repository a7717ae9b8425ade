-- A small application database shaped like the seed's (Phoenix app with users, posts, a shop,
-- token balances, sessions). Used by the sandbox rehearsal and by the tests. {{scale}} multiplies
-- the row counts: 1.0 gives tens of thousands of rows. Products of the row number are computed in
-- bigint: in integer, i * 7919 overflows from 271,187 posts on (scale 13.6).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SEQUENCE audit_event_seq;

CREATE TABLE users (
    id          bigserial PRIMARY KEY,
    email       text        NOT NULL UNIQUE,
    name        text        NOT NULL,
    inserted_at timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz
);

CREATE TABLE posts (
    id           bigserial PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES users (id),
    title        text        NOT NULL CONSTRAINT title_not_blank CHECK (length(title) > 0),
    slug         text        NOT NULL UNIQUE,
    body         text,
    metadata     jsonb       NOT NULL DEFAULT '{}',
    search       tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED,
    published_at timestamptz,
    inserted_at  timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz
);
CREATE INDEX posts_search_idx ON posts USING gin (search);
CREATE INDEX posts_title_trgm_idx ON posts USING gin (title gin_trgm_ops);
CREATE INDEX posts_published_idx ON posts (published_at DESC);

CREATE TABLE products (
    id          bigserial PRIMARY KEY,
    sku         text    NOT NULL UNIQUE,
    name        text    NOT NULL,
    price_cents integer NOT NULL CHECK (price_cents >= 0),
    image_url   text,
    inserted_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE token_balances (
    user_id    bigint         NOT NULL REFERENCES users (id),
    token      text           NOT NULL,
    balance    numeric(30, 8) NOT NULL DEFAULT 0,
    updated_at timestamptz,
    PRIMARY KEY (user_id, token)
);

CREATE TABLE sessions (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    bigint NOT NULL REFERENCES users (id),
    data       bytea,
    expires_at timestamptz NOT NULL
);

CREATE TABLE audit_log (
    id      bigint PRIMARY KEY DEFAULT nextval('audit_event_seq'),
    post_id bigint,
    action  text NOT NULL,
    at      timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE VIEW published_posts AS
    SELECT p.id, p.title, p.slug, u.email FROM posts p JOIN users u ON u.id = p.user_id WHERE p.published_at IS NOT NULL;

INSERT INTO users (email, name, inserted_at)
SELECT 'user' || i || '@example.com', 'User ' || i, timestamptz '2025-01-01 00:00:00+00' + i * interval '37 minutes'
FROM generate_series(1, greatest(1, (5000 * {{scale}})::int)) AS i;

INSERT INTO posts (user_id, title, slug, body, metadata, published_at, inserted_at)
SELECT 1 + (i::bigint * 7919) % (SELECT count(*) FROM users),
       'Post number ' || i || ' about ' || (ARRAY['tokens', 'games', 'markets', 'shops', 'postgres'])[1 + i % 5],
       'post-' || i,
       repeat('Lorem ipsum dolor sit amet ' || i || '. ', 1 + i % 12),
       jsonb_build_object('tags', jsonb_build_array('t' || i % 17, 't' || i % 5), 'reads', i % 1000, 'featured', i % 50 = 0),
       CASE WHEN i % 4 <> 0 THEN timestamptz '2025-02-01 00:00:00+00' + i * interval '11 minutes' END,
       timestamptz '2025-02-01 00:00:00+00' + i * interval '10 minutes'
FROM generate_series(1, greatest(1, (20000 * {{scale}})::int)) AS i;

INSERT INTO products (sku, name, price_cents, image_url)
SELECT 'SKU-' || lpad(i::text, 6, '0'), 'Product ' || i, (i::bigint * 137) % 100000, 'https://cdn.example.com/p/' || i || '.png'
FROM generate_series(1, greatest(1, (500 * {{scale}})::int)) AS i;

INSERT INTO token_balances (user_id, token, balance, updated_at)
SELECT u.id, t.token, round((u.id * 31 + length(t.token)) % 100000 / 7.0, 8), timestamptz '2025-03-01 00:00:00+00' + u.id * interval '1 minute'
FROM users u CROSS JOIN (VALUES ('BUX'), ('ROGUE')) AS t (token);

INSERT INTO sessions (user_id, data, expires_at)
SELECT 1 + i % (SELECT count(*) FROM users), decode(md5(i::text), 'hex'), timestamptz '2026-01-01 00:00:00+00' + i * interval '1 minute'
FROM generate_series(1, greatest(1, (5000 * {{scale}})::int)) AS i;

INSERT INTO audit_log (post_id, action)
SELECT i, (ARRAY['created', 'edited', 'published'])[1 + i % 3] FROM generate_series(1, greatest(1, (10000 * {{scale}})::int)) AS i;

ANALYZE;
