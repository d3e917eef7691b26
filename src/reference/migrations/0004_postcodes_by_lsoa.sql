-- Finding an LSOA's deprivation decile and rurality (insight: registered populations by LSOA).
CREATE INDEX postcodes_by_lsoa ON postcodes(lsoa11);
