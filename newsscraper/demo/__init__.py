"""The bundled demo: a news site in four languages (``site/``), the server that plays it on
127.0.0.1 (:mod:`.server`) and ``make demo``'s runner (:mod:`.runner`). Nothing in the crawler
imports this package; tests and the demo do."""
