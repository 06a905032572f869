package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.pbft.PbftMessage.Cert;
import dev.tlaconform.impl.pbft.PbftMessage.Checkpoint;
import dev.tlaconform.impl.pbft.PbftMessage.NewView;
import dev.tlaconform.impl.pbft.PbftMessage.PrePrepare;
import dev.tlaconform.impl.pbft.PbftMessage.Prepare;
import dev.tlaconform.impl.pbft.PbftMessage.ViewChange;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an honest replica checks before it lets a message count (Castro and Liskov 4.1-4.4):
 * signatures, digests, and the certificates inside VIEW-CHANGE and NEW-VIEW. A message that fails
 * is dropped without a trace event (the spec stutters). {@link #computeO} is the paper's (and the
 * spec's ComputeO) re-proposal rule.
 */
final class PbftChecks {
    /** Verified (signer, text, signature) triples kept, so a message seen again inside a certificate is not re-verified. */
    private static final int CACHE_MAX = 20_000;
    private static final java.util.HexFormat HEX = java.util.HexFormat.of();

    private final PbftConfig c;
    private final TreeSet<String> verified = new TreeSet<>();

    PbftChecks(PbftConfig c) {
        this.c = c;
    }

    /** The signature of m is its claimed signer's (skipped under the accept-unverified-signature mutant). */
    boolean signed(PbftMessage m) {
        if (c.mutant(PbftMutant.ACCEPT_UNVERIFIED_SIGNATURE)) {
            return true;
        }
        if (m.sig() == null) {
            return false;
        }
        String text = m.signedText();
        String key = m.signer() + '|' + text + '|' + HEX.formatHex(m.sig());
        if (verified.contains(key)) {
            return true;
        }
        if (!c.auth().verify(m.signer(), text, m.sig())) {
            return false;
        }
        if (verified.size() >= CACHE_MAX) {
            verified.clear();
        }
        verified.add(key);
        return true;
    }

    /** A pre-prepare of view v from its primary whose digest is its request's (null request: the null digest). */
    boolean validPrePrepare(PrePrepare p, boolean allowNull) {
        if (p.rep() != c.primary(p.view()) || p.seq() < 1 || p.seq() > c.maxSeq() || !signed(p)) {
            return false;
        }
        if (p.request() == null) {
            return allowNull && p.digest().equals(Req.NULL.digest());
        }
        return p.request().req().digest().equals(p.digest()) && p.request().req().client() < c.clients()
                && p.request().req().ts() <= c.maxTs() && signed(p.request());
    }

    /** A checkpoint (seq, state) with a proof of Q signed matching CHECKPOINTs (seq 0: the empty genesis state). */
    boolean validCkpt(int seq, List<Req> state, List<Checkpoint> proof) {
        if (seq == 0) {
            return state.isEmpty();
        }
        if (state.size() != seq) {
            return false;
        }
        String d = Req.stateDigest(state);
        TreeSet<Integer> reps = new TreeSet<>();
        for (Checkpoint k : proof) {
            if (k.seq() == seq && k.digest().equals(d) && k.rep() >= 0 && k.rep() < c.n() && signed(k)) {
                reps.add(k.rep());
            }
        }
        return reps.size() >= c.q();
    }

    /** A prepared certificate: the primary's pre-prepare and Q-1 signed matching prepares from distinct backups. */
    boolean validCert(Cert x) {
        PrePrepare p = x.prePrepare();
        if (p == null || p.view() != x.view() || p.seq() != x.seq() || !p.digest().equals(x.req().digest())
                || !validPrePrepare(p, true) || !p.req().equals(x.req())) {
            return false;
        }
        TreeSet<Integer> reps = new TreeSet<>();
        for (Prepare q : x.prepares()) {
            if (q.view() == x.view() && q.seq() == x.seq() && q.digest().equals(x.req().digest())
                    && q.rep() != c.primary(x.view()) && q.rep() >= 0 && q.rep() < c.n() && signed(q)) {
                reps.add(q.rep());
            }
        }
        return reps.size() >= c.q() - 1;
    }

    /** A VIEW-CHANGE for view v: signed, valid checkpoint, valid certificates above it, one per seq, from earlier views. */
    boolean validViewChange(ViewChange m) {
        if (m.rep() < 0 || m.rep() >= c.n() || m.view() < 1 || m.view() > c.maxView() || !signed(m)
                || !validCkpt(m.ckSeq(), m.ckState(), m.ckProof())) {
            return false;
        }
        TreeSet<Integer> seqs = new TreeSet<>();
        for (Cert x : m.certs()) {
            if (x.view() >= m.view() || x.seq() <= m.ckSeq() || !seqs.add(x.seq()) || !validCert(x)) {
                return false;
            }
        }
        return true;
    }

    /** A NEW-VIEW: from the view's primary, Q valid view-changes from distinct replicas, O = ComputeO(V). */
    boolean validNewView(NewView m) {
        if (m.rep() != c.primary(m.view()) || m.view() < 1 || m.view() > c.maxView() || !signed(m)) {
            return false;
        }
        TreeSet<Integer> reps = new TreeSet<>();
        for (ViewChange v : m.vcs()) {
            if (v.view() != m.view() || !reps.add(v.rep()) || !validViewChange(v)) {
                return false;
            }
        }
        if (reps.size() != c.q()) {
            return false;
        }
        List<Cert> want = computeO(m.vcs());
        if (want.size() != m.o().size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            PrePrepare p = m.o().get(i);
            Cert w = want.get(i);
            if (p.view() != m.view() || p.seq() != w.seq() || !p.digest().equals(w.req().digest())
                    || !validPrePrepare(p, true)) {
                return false;
            }
        }
        return true;
    }

    /** The view-change with the highest stable checkpoint in V (the paper's min-s). */
    static ViewChange minCkpt(List<ViewChange> vcs) {
        ViewChange best = vcs.get(0);
        for (ViewChange v : vcs) {
            if (v.ckSeq() > best.ckSeq()) {
                best = v;
            }
        }
        return best;
    }

    /**
     * ComputeO(V): for n in min-s+1..max-s, the request of the highest-view certificate for n in V
     * (its pre-prepare carries the signed request), or the null request. Returned as certificates
     * of view -1 whose pre-prepare is the one to take the request from (null for the null request).
     */
    static List<Cert> computeO(List<ViewChange> vcs) {
        int minS = minCkpt(vcs).ckSeq();
        TreeMap<Integer, Cert> best = new TreeMap<>();
        for (ViewChange v : vcs) {
            for (Cert x : v.certs()) {
                Cert b = best.get(x.seq());
                if (b == null || x.view() > b.view()) {
                    best.put(x.seq(), x);
                }
            }
        }
        int maxS = best.isEmpty() ? minS : Math.max(minS, best.lastKey());
        List<Cert> o = new ArrayList<>();
        for (int n = minS + 1; n <= maxS; n++) {
            Cert b = best.get(n);
            o.add(b == null ? new Cert(-1, n, Req.NULL, null, List.of()) : new Cert(-1, n, b.req(), b.prePrepare(), List.of()));
        }
        return o;
    }
}
