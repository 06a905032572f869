------------------------------- MODULE TLCExt -------------------------------
(***************************************************************************)
(* tlaconform's TLCExt module: the TLC extensions that newer TLC releases  *)
(* ship as a standard module, for TLC 2.18, with their semantics. The      *)
(* operators are computed in Java (tlaconform's tlc2.overrides.TLCOverrides);*)
(* the definitions below say what they mean.                              *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers

\* a = b; when they differ, also prints "Assertion failed" and both values.
AssertEq(a, b) ==
  IF a # b
  THEN /\ PrintT("Assertion failed")
       /\ PrintT(a)
       /\ PrintT(b)
       /\ a = b
  ELSE a = b

(***************************************************************************)
(* TRUE iff evaluating exp fails with exactly the error message err.      *)
(***************************************************************************)
AssertError(err, exp) ==
  LET FailsEval(e) == CHOOSE b \in BOOLEAN : TRUE \* exp cannot be evaluated
      TLCError == CHOOSE s \in STRING : TRUE         \* TLC's message for it
  IN  IF FailsEval(exp) THEN err = TLCError ELSE FALSE

\* TLCGet(key), or defaultVal where TLCGet(key) is not defined.
TLCGetOrDefault(key, defaultVal) == CHOOSE n : TRUE

\* The old value of TLCGet(key) (default defaultVal); sets it to Op(old, val).
TLCGetAndSet(key, Op(_,_), val, defaultVal) ==
  LET oldVal == TLCGetOrDefault(key, defaultVal)
  IN  CHOOSE v \in {oldVal} : TLCSet(key, Op(oldVal, val))

(***************************************************************************)
(* The behaviour so far: the states from an initial state to the current  *)
(* one, each a record of the spec's variables (during model checking).    *)
(***************************************************************************)
Trace == TRUE

(***************************************************************************)
(* The model value named str (a typed one if str is "T_name").            *)
(***************************************************************************)
TLCModelValue(str) == CHOOSE v : ToString(v) = str

(***************************************************************************)
(* TRUE; evaluating expression is deferred to later or never (in TLC's     *)
(* breadth-first model checking: never).                                  *)
(***************************************************************************)
TLCDefer(expression) == TRUE

\* val (a hook for debugging the evaluator).
TLCNoOp(val) == val

(***************************************************************************)
(* Upstream TLC lets you pick successors interactively where exp is FALSE; *)
(* tlaconform has no interactive mode: TRUE where exp is, else FALSE.      *)
(***************************************************************************)
PickSuccessor(exp) == IF exp THEN TRUE ELSE CHOOSE bool \in BOOLEAN : TRUE

(***************************************************************************)
(* The value of expression; evaluated once per distinct value of closure. *)
(***************************************************************************)
TLCCache(expression, closure) == expression

\* The fingerprint TLC gives var (its lower 32 bits).
TLCFP(var) == CHOOSE i \in Int : TRUE

=============================================================================
