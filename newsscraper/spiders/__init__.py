# The spiders of the project: `news`, the one generic spider (section pages, feeds, sitemaps for
# every site of the sites file). `base.py` and `discovery.py` hold what it is built from.
# https://docs.scrapy.org/en/latest/topics/spiders.html
