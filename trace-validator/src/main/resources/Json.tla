-------------------------------- MODULE Json --------------------------------
(***************************************************************************)
(* tlaconform's Json module: reading and writing JSON and newline-         *)
(* delimited JSON (NDJSON), with the semantics of the community module of  *)
(* this name. The operators are computed in Java (tlaconform's             *)
(* tlc2.overrides.TLCOverrides, with Jackson):                             *)
(*                                                                         *)
(* Reading: a JSON object becomes a record (its keys are strings, also    *)
(* "0", "1", ...), an array a sequence, a string a string, an integer an   *)
(* integer, true/false TRUE/FALSE. A number with a fraction or beyond      *)
(* TLC's integers is read as the community module reads it (its integer    *)
(* part, wrapped to 32 bits) and a warning names the file and line. A      *)
(* null member of an object is left out of the record; a null elsewhere,   *)
(* a line that is not JSON or a missing file is an error naming            *)
(* file:line.                                                              *)
(*                                                                         *)
(* Writing (ToJson, JsonSerialize, ndJsonSerialize): as defined below      *)
(* (the Java override is tested equal to these definitions): BOOLEANs as   *)
(* true/false, integers and strings as themselves, functions on 1..n       *)
(* (sequences, also <<>>) and sets as arrays (a set's elements in TLC's    *)
(* order of values), other functions (records) as objects keyed by the     *)
(* argument (a string, else the argument as TLC prints it), in TLC's order *)
(* of the arguments. Model values are written as their name.               *)
(***************************************************************************)
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSets
LOCAL INSTANCE Integers
LOCAL INSTANCE TLC

\* The elements of S in TLC's order of values.
LOCAL Elements(S) ==
  LET n == Cardinality(S)
      rest[i \in 1..n+1] == IF i = 1 THEN S
                            ELSE rest[i-1] \ {CHOOSE x \in rest[i-1] : TRUE}
  IN  [i \in 1..n |-> CHOOSE x \in rest[i] : TRUE]

\* The texts of a sequence of texts, separated by commas.
LOCAL Commas(texts) ==
  LET join[k \in 0..Len(texts)] ==
        IF k = 0 THEN "" ELSE IF k = 1 THEN texts[1] ELSE join[k-1] \o "," \o texts[k]
  IN  join[Len(texts)]

\* How TLC prints v begins with: the kind of value v is.
LOCAL Lead(v) == SubSeq(ToString(v), 1, 1)

LOCAL IsText(v) == Lead(v) = "\""

LOCAL IsBool(v) == ToString(v) \in {"TRUE", "FALSE"}

LOCAL IsNumber(v) == Lead(v) \in {"-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

LOCAL IsSet(v) == Lead(v) = "{"

\* A function on 1..n (TLC prints it as <<...>>, also <<>>).
LOCAL IsSeq(v) == Lead(v) = "<"

\* Any other function (a record [a |-> 1], or (0 :> 1 @@ 1 :> 2)).
LOCAL IsFcn(v) == Lead(v) \in {"[", "("}

LOCAL KeyText(d) == IF IsText(d) THEN ToString(d) ELSE "\"" \o ToString(d) \o "\""

RECURSIVE JsonText(_)
LOCAL JsonText(v) ==
  CASE IsBool(v)   -> IF v THEN "true" ELSE "false"
    [] IsText(v)   -> ToString(v)
    [] IsNumber(v) -> ToString(v)
    [] IsSeq(v)    -> "[" \o Commas([i \in 1..Len(v) |-> JsonText(v[i])]) \o "]"
    [] IsSet(v)    -> LET e == Elements(v) IN "[" \o Commas([i \in 1..Len(e) |-> JsonText(e[i])]) \o "]"
    [] IsFcn(v)    -> LET d == Elements(DOMAIN v)
                      IN "{" \o Commas([i \in 1..Len(d) |-> KeyText(d[i]) \o ":" \o JsonText(v[d[i]])]) \o "}"
    [] OTHER       -> "\"" \o ToString(v) \o "\""

(***************************************************************************)
(* The JSON text of a value.                                               *)
(***************************************************************************)
ToJson(value) == JsonText(value)

(***************************************************************************)
(* A JSON array: a set's elements, or a function's values in the order of *)
(* its arguments (a sequence's elements in order).                         *)
(***************************************************************************)
ToJsonArray(value) ==
  IF IsSet(value)
  THEN JsonText(value)
  ELSE LET d == Elements(DOMAIN value)
       IN  "[" \o Commas([i \in 1..Len(d) |-> JsonText(value[d[i]])]) \o "]"

(***************************************************************************)
(* A JSON object: a function (also a sequence) keyed by its arguments.     *)
(***************************************************************************)
ToJsonObject(value) ==
  LET d == Elements(DOMAIN value)
  IN  "{" \o Commas([i \in 1..Len(d) |-> KeyText(d[i]) \o ":" \o JsonText(value[d[i]])]) \o "}"

(***************************************************************************)
(* Writes ToJson(value) to the file (a relative name is taken from the     *)
(* directory TLC runs in); TRUE.                                           *)
(***************************************************************************)
JsonSerialize(absoluteFilename, value) == TRUE

(***************************************************************************)
(* The value of the JSON text in the file.                                 *)
(***************************************************************************)
JsonDeserialize(absoluteFilename) == CHOOSE val : TRUE

(***************************************************************************)
(* Writes the elements of the sequence value to the file, one ToJson a     *)
(* line; TRUE.                                                             *)
(***************************************************************************)
ndJsonSerialize(absoluteFilename, value) == TRUE

(***************************************************************************)
(* The sequence of the values of the file's lines (blank lines skipped).  *)
(***************************************************************************)
ndJsonDeserialize(absoluteFilename) == CHOOSE val : TRUE

=============================================================================
