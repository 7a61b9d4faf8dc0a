# The spiders of the project: `news` (section pages) today; feed and sitemap spiders come with issue 5.
# https://docs.scrapy.org/en/latest/topics/spiders.html
