--------------------------- MODULE MCZabTraceForms ---------------------------
(* MCZab's models, checking that the validation forms and step forms of     *)
(* ZabTraceForms.tla agree with Zab's actions and invariants.               *)
EXTENDS MCZab, ZabTraceForms
=============================================================================
