"""qinqing (亲清): compile a bureau's policies, funds, guides and announcements into a public site."""

__version__ = "0.1.0"
