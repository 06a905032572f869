------------------------------ MODULE IOUtils ------------------------------
(***************************************************************************)
(* tlaconform's IOUtils module: environment variables, text to numbers,    *)
(* running programs and reading and writing files, with the semantics of   *)
(* the community module of this name. The operators are computed in Java   *)
(* (tlaconform's tlc2.overrides.TLCOverrides); where a definition below    *)
(* can be evaluated by TLC (atoi, zeroPadN), the override is tested equal  *)
(* to it.                                                                  *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers
LOCAL INSTANCE Sequences

(***************************************************************************)
(* The environment of the process TLC runs in, as a record from variable   *)
(* names to their values: "JSON" \in DOMAIN IOEnv, IOEnv.JSON.             *)
(* (tlaconform check passes its own environment on to TLC.)                *)
(***************************************************************************)
IOEnv == CHOOSE r \in [STRING -> STRING] : TRUE

(***************************************************************************)
(* The integer a decimal text denotes ("42", "-17", "+3"); an error for    *)
(* any other text.                                                         *)
(***************************************************************************)
atoi(str) ==
  LET digits == "0123456789"
      DigitValue(c) == CHOOSE d \in 0..9 : SubSeq(digits, d + 1, d + 1) = c
      signed == Len(str) > 0 /\ SubSeq(str, 1, 1) \in {"-", "+"}
      first == IF signed THEN 2 ELSE 1
      value[k \in (first - 1)..Len(str)] ==
        IF k = first - 1 THEN 0 ELSE 10 * value[k - 1] + DigitValue(SubSeq(str, k, k))
  IN  IF Len(str) < first
      THEN Assert(FALSE, "atoi: not a decimal number")
      ELSE IF SubSeq(str, 1, 1) = "-" THEN -value[Len(str)] ELSE value[Len(str)]

(***************************************************************************)
(* n as decimal text, padded with leading zeros to width characters.       *)
(***************************************************************************)
zeroPadN(n, width) ==
  LET s == ToString(n)
      pad[k \in 0..(IF width > Len(s) THEN width - Len(s) ELSE 0)] ==
        IF k = 0 THEN "" ELSE pad[k - 1] \o "0"
  IN  pad[IF width > Len(s) THEN width - Len(s) ELSE 0] \o s

-----------------------------------------------------------------------------
\* Running programs: [exitValue |-> code, stdout |-> text, stderr |-> text].

\* IOExec(<<"ls", "-l">>): the program and its arguments, passed as they are.
IOExec(command) == CHOOSE r \in [exitValue : Int, stdout : STRING, stderr : STRING] : TRUE

\* IOEnvExec([VAR |-> "value"], command): with these variables added to the environment.
IOEnvExec(env, command) == CHOOSE r \in [exitValue : Int, stdout : STRING, stderr : STRING] : TRUE

\* IOExecTemplate(<<"echo", "%s">>, <<"hi">>): each part formatted (Java's String.format) with the parameters.
IOExecTemplate(commandTemplate, parameters) ==
  CHOOSE r \in [exitValue : Int, stdout : STRING, stderr : STRING] : TRUE

IOEnvExecTemplate(env, commandTemplate, parameters) ==
  CHOOSE r \in [exitValue : Int, stdout : STRING, stderr : STRING] : TRUE

-----------------------------------------------------------------------------
\* Files.

(***************************************************************************)
(* Serialize(value, file, options) writes value to file in                 *)
(* options.format:                                                         *)
(*   "TXT"    a string, as text in options.charset (default UTF-8),        *)
(*            options.openOptions (Java StandardOpenOption names, default  *)
(*            <<"CREATE", "TRUNCATE_EXISTING", "WRITE">>);                 *)
(*   "NDJSON" a sequence, one JSON value a line (Json's ndJsonSerialize);  *)
(*   "JSON"   one JSON value (Json's JsonSerialize).                       *)
(* Deserialize(file, options) reads it back: "TXT" gives                   *)
(* [exitValue |-> 0, stdout |-> the text, stderr |-> ""] (exitValue 1 and  *)
(* the reason in stderr if the file cannot be read); "NDJSON" and "JSON"   *)
(* give the value. Serialize gives [exitValue, stdout, stderr] likewise.   *)
(***************************************************************************)
Serialize(value, dest, options) ==
  CHOOSE r \in [exitValue : Int, stdout : STRING, stderr : STRING] : TRUE

Deserialize(src, options) == CHOOSE val : TRUE

\* TLC's own binary format for values (compress: gzip), as TLC writes states.
IOSerialize(val, absoluteFilename, compress) == TRUE

IODeserialize(absoluteFilename, compressed) == CHOOSE val : TRUE

============================================================================
