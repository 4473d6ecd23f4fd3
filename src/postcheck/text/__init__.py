"""Pure functions on strings: the bottom layer of postcheck.

Markdown reduction with a source map, words, sentences, hashtags, mentions,
URLs, emoji, dates and times, language, readability and platform counting.
Nothing here knows about posts, rules or files.
"""
