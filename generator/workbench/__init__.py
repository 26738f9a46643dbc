"""The staff workbench (诉求办理工作台): a WSGI app for the people who answer petitions."""
