------------------------- MODULE CommunityBehaviour -------------------------
(***************************************************************************)
(* What the community modules' Java definitions do where their TLA+       *)
(* definitions cannot be evaluated (I/O, TLC's registers, TLCExt): each   *)
(* ASSUME, invariant, constraint, VIEW and POSTCONDITION below is TRUE    *)
(* when the override behaves as upstream TLC with the community modules   *)
(* does. The environment gives DIR (a scratch directory) and NUM = "42".  *)
(***************************************************************************)
EXTENDS Integers, Sequences, TLC, Json, IOUtils, TLCExt

Dir == IOEnv.DIR

\* environment, text to numbers
ASSUME atoi(IOEnv.NUM) = 42
ASSUME "NO_SUCH_VARIABLE_tlaconform" \notin DOMAIN IOEnv

\* TLC's registers
ASSUME TLCGet("config").mode = "bfs"
ASSUME TLCGet("config").worker = 1
ASSUME TLCGet("config").deadlock = FALSE
ASSUME TLCGet("level") = 0
ASSUME TLCGetOrDefault(99, "none") = "none"

\* running programs
ASSUME IOExec(<<"echo", "hello">>) = [exitValue |-> 0, stdout |-> "hello\n", stderr |-> ""]
ASSUME IOEnvExec([GREETING |-> "hi"], <<"sh", "-c", "echo $GREETING">>).stdout = "hi\n"
ASSUME IOExecTemplate(<<"echo", "%1$s-%2$s">>, <<"a", "b">>).stdout = "a-b\n"

\* files: TXT, NDJSON, JSON, TLC's own format
Value == <<[a |-> 1, b |-> <<"x", TRUE>>], [a |-> -2, b |-> <<>>]>>
ASSUME Serialize("some text", Dir \o "/t.txt", [format |-> "TXT", charset |-> "UTF-8",
                 openOptions |-> <<"WRITE", "CREATE", "TRUNCATE_EXISTING">>]).exitValue = 0
ASSUME Deserialize(Dir \o "/t.txt", [format |-> "TXT", charset |-> "UTF-8"]).stdout = "some text"
ASSUME ndJsonSerialize(Dir \o "/v.ndjson", Value)
ASSUME ndJsonDeserialize(Dir \o "/v.ndjson") = Value
ASSUME JsonSerialize(Dir \o "/v.json", Value)
ASSUME JsonDeserialize(Dir \o "/v.json") = Value
ASSUME Serialize(Value, Dir \o "/w.ndjson", [format |-> "NDJSON"]).exitValue = 0
ASSUME Deserialize(Dir \o "/w.ndjson", [format |-> "NDJSON"]) = Value
ASSUME IOSerialize(Value, Dir \o "/v.bin", TRUE)
ASSUME IODeserialize(Dir \o "/v.bin", TRUE) = Value

\* TLCExt
ASSUME AssertError("Attempted to apply Head to the empty sequence.", Head(<<>>)) = TRUE
ASSUME AssertError("some other message", Head(<<>>)) = FALSE
ASSUME AssertError("any", 1 + 1) = FALSE
ASSUME AssertEq(<<1, 2>>, <<1, 2>>)
ASSUME TLCNoOp(7) = 7
ASSUME TLCModelValue("mv") = TLCModelValue("mv") /\ TLCModelValue("mv") # "mv"
ASSUME TLCFP(<<1, 2>>) \in Int /\ TLCFP(<<1, 2>>) = TLCFP(<<1, 2>>)
ASSUME TLCDefer(Assert(FALSE, "deferred: never evaluated in breadth-first model checking"))

VARIABLE i

Init == i = 0

Next == i' = i + 1 /\ TLCGetAndSet(7, +, 1, 0) >= 0

\* The state's own level (newer TLC's TLCGet("level") in an invariant); the trace so far.
LevelInv == /\ TLCGet("level") = i + 1
            /\ Len(Trace) = i + 1
            /\ \A k \in 1..Len(Trace) : Trace[k].i = k - 1
            /\ TLCCache(i * 10, i) = i * 10

\* In an action constraint: the predecessor's level.
Bound == TLCGet("level") = i + 1 /\ i < 4

\* In the VIEW: the successor's own level (TLC 2.18 gives its predecessor's): if it were not
\* i + 1, every state would have the same view and TLC would find one distinct state.
View == IF TLCGet("level") = i + 1 THEN <<i>> ELSE <<-1>>

Done == TLCGet("stats").diameter = 5 /\ TLCGet("stats").distinct = 5 /\ TLCGet(7) >= 0

\* A POSTCONDITION that is FALSE (the emulation must be able to fail).
WrongDiameter == TLCGet("stats").diameter = 4

=============================================================================
