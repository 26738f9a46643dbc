"""The consultation pages' own parts (意见征集): window, ways, comment form, count, feedback."""
