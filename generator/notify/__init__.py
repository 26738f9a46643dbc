"""Notifications: the outbox, its channels, the enterprise notices, site subscriptions and digests."""
