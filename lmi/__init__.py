"""Local labour market information (LMI): the dataset, its schema, loader and queries.

Plain Python and SQLAlchemy only; nothing here imports Rasa, so every answer the
assistant gives can be checked with pytest in milliseconds.
"""
