-- The person's sex as the referrer records it, for equity figures by sex (insight issue):
-- female, male, other or not_known (the default, and every earlier referral's).
ALTER TABLE referrals ADD COLUMN sex TEXT NOT NULL DEFAULT 'not_known';
