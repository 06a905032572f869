---- MODULE EvalError ----
EXTENDS Naturals, Sequences
VARIABLE s
Init == s = <<1>>
Next == s' = Tail(s) /\ Head(s) > 0
====
