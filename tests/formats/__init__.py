"""Tests of the exchange formats: Aiken, GIFT, QTI, Anki, dumps and imports."""
