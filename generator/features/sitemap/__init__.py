"""网站地图: the human sitemap page, `sitemap.xml` and `robots.txt`."""
