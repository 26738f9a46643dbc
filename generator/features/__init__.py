"""Site features (feeds, search, matching, petition pages): each one contributor."""
