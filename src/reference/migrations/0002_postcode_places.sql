-- Each postcode's centre, in millionths of a degree (WGS84), for distances to services. Whole
-- numbers keep the figures identical on every backend. NULL when the lookup gave none.
ALTER TABLE postcodes ADD COLUMN lat_e6 BIGINT;
ALTER TABLE postcodes ADD COLUMN lon_e6 BIGINT;
