-- The network tables of production's PostgreSQL as contract §6.1 describes them (text ids, numeric, timestamptz, the
-- connector types as a text array), beside the money tables, for the statistics' PostgreSQL source and its tests.
CREATE TABLE users (
  id              VARCHAR(255) PRIMARY KEY,
  email           VARCHAR(255),
  phone           VARCHAR(32),
  role            VARCHAR(16) NOT NULL,
  is_active       BOOLEAN NOT NULL DEFAULT true,
  admin_id        VARCHAR(255),
  hashed_password VARCHAR(255),
  created_at      TIMESTAMPTZ DEFAULT now(),
  updated_at      TIMESTAMPTZ DEFAULT now()
);

CREATE TABLE locations (
  id               VARCHAR(255) PRIMARY KEY,
  name             VARCHAR(255) NOT NULL,
  address          TEXT,
  city             VARCHAR(100),
  country          VARCHAR(8),
  latitude         DOUBLE PRECISION,
  longitude        DOUBLE PRECISION,
  user_id          VARCHAR(255),
  admin_id         VARCHAR(255),
  status           VARCHAR(32) DEFAULT 'active',
  stations_count   INTEGER DEFAULT 0,
  connectors_count INTEGER DEFAULT 0,
  created_at       TIMESTAMPTZ DEFAULT now(),
  updated_at       TIMESTAMPTZ DEFAULT now()
);

CREATE TABLE stations (
  id                 VARCHAR(50) PRIMARY KEY,
  serial_number      VARCHAR(100) UNIQUE,
  model              VARCHAR(100),
  manufacturer       VARCHAR(100),
  location_id        VARCHAR(255) REFERENCES locations(id),
  power_capacity     NUMERIC,
  connector_types    TEXT[],
  installation_date  VARCHAR(20),
  firmware_version   VARCHAR(50),
  status             VARCHAR(16) DEFAULT 'active',
  user_id            VARCHAR(255),
  connectors_count   INTEGER DEFAULT 1,
  tariff_plan_id     VARCHAR(255),
  price_per_kwh      NUMERIC,
  session_fee        NUMERIC DEFAULT 0,
  currency           VARCHAR(3) DEFAULT 'KGS',
  is_available       BOOLEAN DEFAULT false,
  last_heartbeat_at  TIMESTAMPTZ,
  api_key            VARCHAR(100),
  api_key_expires_at TIMESTAMPTZ,
  last_api_key_use   TIMESTAMPTZ,
  created_at         TIMESTAMPTZ DEFAULT now(),
  updated_at         TIMESTAMPTZ DEFAULT now()
);

CREATE TABLE connectors (
  id                 SERIAL PRIMARY KEY,
  station_id         VARCHAR(50) REFERENCES stations(id),
  connector_number   INTEGER NOT NULL,
  connector_type     VARCHAR(20),
  power_kw           NUMERIC,
  status             VARCHAR(16) DEFAULT 'available',
  error_code         VARCHAR(50) DEFAULT 'NoError',
  last_status_update TIMESTAMPTZ,
  UNIQUE (station_id, connector_number)
);
CREATE INDEX ocpp_transactions_session_idx ON ocpp_transactions(charging_session_id);
CREATE INDEX ocpp_transactions_start_idx ON ocpp_transactions(start_timestamp);
CREATE INDEX payment_transactions_odengi_session_idx ON payment_transactions_odengi(charging_session_id);

-- contract §6.1: a station's samples, typed columns in Wh, W, A, V, °C and %, the full samples as JSON
CREATE TABLE ocpp_meter_values (
  id                            SERIAL PRIMARY KEY,
  transaction_id                INTEGER,
  ocpp_transaction_id           INTEGER REFERENCES ocpp_transactions(id),
  station_id                    VARCHAR(50),
  connector_id                  INTEGER,
  timestamp                     TIMESTAMPTZ,
  sampled_values                TEXT, -- JSON (jsonb in production; text here so the copy needs no cast)
  energy_active_import_register NUMERIC,
  power_active_import           NUMERIC,
  current_import                NUMERIC,
  voltage                       NUMERIC,
  temperature                   NUMERIC,
  soc                           NUMERIC,
  created_at                    TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX ocpp_meter_values_tx_idx ON ocpp_meter_values(ocpp_transaction_id, id);

-- contract §6.1: a station's raw OCPP state; connector_status is a JSON array of {connector_id, status, error_code, …}
CREATE TABLE ocpp_station_status (
  station_id        VARCHAR(50) PRIMARY KEY REFERENCES stations(id),
  status            VARCHAR(20),
  error_code        VARCHAR(50),
  info              VARCHAR(255),
  vendor_id         VARCHAR(255),
  vendor_error_code VARCHAR(50),
  last_heartbeat    TIMESTAMPTZ,
  firmware_version  VARCHAR(50),
  is_online         BOOLEAN,
  connector_status  TEXT, -- JSON (json in production; text here so the copy needs no cast)
  created_at        TIMESTAMPTZ DEFAULT now(),
  updated_at        TIMESTAMPTZ DEFAULT now()
);
