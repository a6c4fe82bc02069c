-- The gateway's database is created by the image (POSTGRES_DB); these are the services'.
CREATE DATABASE flowlens_ingestion OWNER flowlens;
CREATE DATABASE flowlens_metrics OWNER flowlens;
CREATE DATABASE flowlens_assessment OWNER flowlens;
