"""Reading and checking content: files in, a ContentIndex and problems out."""
