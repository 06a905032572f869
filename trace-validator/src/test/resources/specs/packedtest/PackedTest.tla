---- MODULE PackedTest ----
====
