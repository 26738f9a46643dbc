"""The staff web back office (诉求办理工作台), mounted at /staff/ beside the public handler."""
