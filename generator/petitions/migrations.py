"""The versioned schema: ordered migrations, each applied once and recorded in schema_version.

The DDL is written to run unchanged on SQLite and PostgreSQL. Never edit a released
migration; append a new one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, list[str]]] = [
    (
        1,
        [
            """CREATE TABLE petitions (
                receipt TEXT PRIMARY KEY,
                code_hash TEXT NOT NULL,
                category TEXT NOT NULL,
                subject TEXT NOT NULL,
                content TEXT NOT NULL,
                enterprise TEXT NOT NULL,
                credit_code TEXT,
                related TEXT,
                anonymous INTEGER NOT NULL,
                contact TEXT,
                received_at TEXT NOT NULL
            )""",
            """CREATE TABLE events (
                receipt TEXT NOT NULL REFERENCES petitions (receipt),
                seq INTEGER NOT NULL,
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                actor TEXT NOT NULL,
                note TEXT NOT NULL,
                public INTEGER NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (receipt, seq)
            )""",
            """CREATE TABLE idempotency (
                key_hash TEXT PRIMARY KEY,
                body_hash TEXT NOT NULL,
                receipt TEXT NOT NULL REFERENCES petitions (receipt),
                response TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL
            )""",
            """CREATE TABLE hits (
                scope TEXT NOT NULL,
                subject TEXT NOT NULL,
                at DOUBLE PRECISION NOT NULL
            )""",
            "CREATE INDEX hits_subject ON hits (scope, subject, at)",
            "CREATE INDEX hits_at ON hits (at)",
        ],
    ),
    (
        2,  # auth: staff accounts, their sessions and the staff audit log (generator/staff/)
        [
            """CREATE TABLE staff_accounts (
                login TEXT PRIMARY KEY,
                display_name TEXT NOT NULL,
                email TEXT NOT NULL,
                phone TEXT NOT NULL,
                roles TEXT NOT NULL,
                departments TEXT NOT NULL,
                disabled INTEGER NOT NULL,
                password_hash TEXT NOT NULL,
                totp_secret TEXT,
                totp_required INTEGER NOT NULL,
                totp_last_step BIGINT NOT NULL,
                recovery_codes TEXT NOT NULL,
                failures INTEGER NOT NULL,
                locked_until DOUBLE PRECISION,
                created_at TEXT NOT NULL
            )""",
            """CREATE TABLE staff_sessions (
                token_hash TEXT PRIMARY KEY,
                login TEXT NOT NULL REFERENCES staff_accounts (login),
                stage TEXT NOT NULL,
                csrf TEXT NOT NULL,
                pending TEXT,
                created_at DOUBLE PRECISION NOT NULL,
                seen_at DOUBLE PRECISION NOT NULL
            )""",
            "CREATE INDEX staff_sessions_login ON staff_sessions (login)",
            """CREATE TABLE staff_audit (
                id TEXT PRIMARY KEY,
                seq BIGINT NOT NULL,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                receipt TEXT,
                detail TEXT NOT NULL
            )""",
            "CREATE INDEX staff_audit_seq ON staff_audit (seq)",
            "CREATE INDEX staff_audit_receipt ON staff_audit (receipt, seq)",
        ],
    ),
    (
        3,
        [
            # The staff queues (generator/petitions/queue_index.py keeps it current).
            """CREATE TABLE queue (
                receipt TEXT PRIMARY KEY REFERENCES petitions (receipt),
                category TEXT NOT NULL,
                department TEXT,
                assignee TEXT,
                status TEXT NOT NULL,
                due TEXT,
                received_at TEXT NOT NULL,
                updated TEXT NOT NULL,
                subject TEXT NOT NULL,
                enterprise TEXT NOT NULL,
                phone_hash TEXT
            )""",
            "CREATE INDEX queue_status_due ON queue (status, due)",
            "CREATE INDEX queue_due_order ON queue (due, received_at, receipt)",
            "CREATE INDEX queue_department_due ON queue (department, due)",
            "CREATE INDEX queue_received ON queue (received_at)",
            # Reply templates, managed in the workbench (generator/workbench/templates_store.py).
            """CREATE TABLE reply_templates (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                retired INTEGER NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
        ],
    ),
    (
        5,
        [
            # notify: the outbox (one row per message; the recipient sealed like contact data)
            """CREATE TABLE outbox (
                key TEXT PRIMARY KEY,
                channel TEXT NOT NULL,
                recipient TEXT NOT NULL,
                template TEXT NOT NULL,
                payload TEXT NOT NULL,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                retry_base INTEGER NOT NULL,
                next_attempt_at DOUBLE PRECISION NOT NULL,
                lease_until DOUBLE PRECISION,
                last_error TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                sent_at DOUBLE PRECISION
            )""",
            "CREATE INDEX outbox_due ON outbox (status, next_attempt_at)",
            """CREATE TABLE outbox_attempts (
                key TEXT NOT NULL REFERENCES outbox (key),
                attempt INTEGER NOT NULL,
                at DOUBLE PRECISION NOT NULL,
                outcome TEXT NOT NULL,
                error TEXT NOT NULL,
                PRIMARY KEY (key, attempt)
            )""",
            # notify: site subscribers (address sealed, found by its keyed hash) and what the
            # digests last announced
            """CREATE TABLE subscribers (
                id TEXT PRIMARY KEY,
                address_hash TEXT NOT NULL UNIQUE,
                address TEXT NOT NULL,
                choices TEXT NOT NULL,
                status TEXT NOT NULL,
                token_hash TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                confirmed_at DOUBLE PRECISION
            )""",
            "CREATE INDEX subscribers_status ON subscribers (status)",
            """CREATE TABLE announced (
                subject TEXT PRIMARY KEY,
                version TEXT NOT NULL,
                at DOUBLE PRECISION NOT NULL
            )""",
        ],
    ),
    (
        7,
        [
            # Comments on consultations (意见征集): recorded and counted, no reply owed. The
            # contact is sealed like a petition's; staff mark each one decided later.
            """CREATE TABLE consultation_comments (
                number TEXT PRIMARY KEY,
                consultation TEXT NOT NULL,
                received_at TEXT NOT NULL,
                enterprise TEXT,
                contact TEXT,
                clause TEXT,
                content TEXT NOT NULL,
                decision TEXT,
                reason TEXT,
                decided_by TEXT,
                decided_at TEXT
            )""",
            "CREATE INDEX consultation_comments_of ON consultation_comments (consultation, received_at)",
        ],
    ),
]

LATEST = max(version for version, _ in MIGRATIONS)
