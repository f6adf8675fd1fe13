-- The money tables of production's PostgreSQL as contract §6.1-§6.2 describes them (types as production declares
-- them: text ids, unscaled numeric som, timestamptz), for the tests and the benchmark of the PostgreSQL reconciliation source.
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE clients (
  id         VARCHAR(255) PRIMARY KEY,
  email      VARCHAR(255),
  phone      VARCHAR(32),
  name       VARCHAR(255),
  balance    NUMERIC DEFAULT 0,
  status     VARCHAR(20) DEFAULT 'active',
  created_at TIMESTAMPTZ DEFAULT now(),
  updated_at TIMESTAMPTZ DEFAULT now()
);

CREATE TABLE balance_topups (
  id                   SERIAL PRIMARY KEY,
  invoice_id           VARCHAR(100) UNIQUE,
  order_id             VARCHAR(150) UNIQUE,
  merchant_id          VARCHAR(20),
  client_id            VARCHAR(255) REFERENCES clients(id),
  requested_amount     NUMERIC,
  paid_amount          NUMERIC,
  currency             VARCHAR(3) DEFAULT 'KGS',
  status               VARCHAR(20) DEFAULT 'processing',
  odengi_status        INTEGER DEFAULT 0,
  created_at           TIMESTAMPTZ DEFAULT now(),
  paid_at              TIMESTAMPTZ,
  completed_at         TIMESTAMPTZ,
  qr_expires_at        TIMESTAMPTZ,
  invoice_expires_at   TIMESTAMPTZ,
  description          TEXT,
  qr_code_url          TEXT,
  app_link             TEXT,
  last_webhook_at      TIMESTAMPTZ,
  webhook_count        INTEGER DEFAULT 0,
  last_status_check_at TIMESTAMPTZ,
  status_check_count   INTEGER DEFAULT 0,
  needs_status_check   BOOLEAN DEFAULT true,
  payment_provider     VARCHAR(10) DEFAULT 'ODENGI'
);
CREATE INDEX balance_topups_created_idx ON balance_topups(created_at);

CREATE TABLE payment_transactions_odengi (
  id                  SERIAL PRIMARY KEY,
  client_id           VARCHAR(255) REFERENCES clients(id),
  transaction_type    VARCHAR(20),
  amount              NUMERIC,
  balance_before      NUMERIC,
  balance_after       NUMERIC,
  currency            VARCHAR(3) DEFAULT 'KGS',
  balance_topup_id    INTEGER,
  charging_session_id VARCHAR(36),
  description         TEXT,
  created_at          TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX payment_transactions_odengi_created_idx ON payment_transactions_odengi(created_at);

CREATE TABLE charging_sessions (
  id                 VARCHAR(36) PRIMARY KEY DEFAULT gen_random_uuid()::text,
  user_id            VARCHAR(255),
  station_id         VARCHAR(50),
  start_time         TIMESTAMPTZ DEFAULT now(),
  stop_time          TIMESTAMPTZ,
  energy             NUMERIC,
  amount             NUMERIC,
  status             VARCHAR(20) DEFAULT 'started',
  transaction_id     VARCHAR(50),
  limit_type         VARCHAR(20) DEFAULT 'none',
  limit_value        NUMERIC,
  created_at         TIMESTAMPTZ DEFAULT now(),
  pricing_history_id INTEGER,
  base_amount        NUMERIC,
  final_amount       NUMERIC,
  reserved_amount    NUMERIC,
  payment_processed  BOOLEAN DEFAULT false
);
CREATE INDEX charging_sessions_start_idx ON charging_sessions(start_time);
CREATE INDEX charging_sessions_stop_idx ON charging_sessions(stop_time);

CREATE TABLE ocpp_transactions (
  id                  SERIAL PRIMARY KEY,
  transaction_id      INTEGER,
  station_id          VARCHAR(50),
  connector_id        INTEGER,
  id_tag              VARCHAR(50),
  meter_start         NUMERIC,
  meter_stop          NUMERIC,
  start_timestamp     TIMESTAMPTZ,
  stop_timestamp      TIMESTAMPTZ,
  stop_reason         VARCHAR(50) DEFAULT 'Local',
  charging_session_id VARCHAR(36),
  status              VARCHAR(20),
  created_at          TIMESTAMPTZ DEFAULT now(),
  updated_at          TIMESTAMPTZ DEFAULT now()
);
