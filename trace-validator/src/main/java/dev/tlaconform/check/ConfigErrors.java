package dev.tlaconform.check;

import java.io.File;
import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import tlc2.output.EC;

/**
 * Points a TLC config error at a line (in the child, after TLC returned): cfg syntax errors carry
 * their line; "constant not assigned" points at the CONSTANT declaration in the spec (found by
 * SANY); other errors name an identifier, which is looked up among the cfg's tokens.
 */
final class ConfigErrors {
    private ConfigErrors() {}

    static void locate(File spec, File config, int code, String[] params, EventStream events) {
        String message = EventRecorder.text(code, params);
        String file = config.getPath();
        int line = 0;
        int column = 0;
        if (code >= EC.CFG_ERROR_READING_FILE && code <= EC.CFG_EXPECTED_SYMBOL && params.length > 0
                && params[0].matches("\\d+")) {
            line = Integer.parseInt(params[0]);
            column = 1;
        } else if (code == EC.TLC_CONFIG_VALUE_NOT_ASSIGNED_TO_CONSTANT_PARAM && params.length > 0) {
            SanyDiagnostics.Problem decl = SanyDiagnostics.constantDeclaration(spec, params[0]);
            if (decl != null) {
                file = decl.file();
                line = decl.line();
                column = decl.column();
            }
        } else {
            try {
                CfgFile cfg = CfgFile.read(config.toPath());
                for (String p : params) {
                    Optional<CfgFile.Token> t = cfg.identifier(p);
                    if (p.matches("[A-Za-z_][A-Za-z0-9_]*") && t.isPresent()) {
                        line = t.get().line();
                        column = t.get().column();
                        break;
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // keep the cfg without a line
            }
        }
        ObjectNode e = EventStream.event(Events.ERROR);
        e.put("code", code);
        e.put("category", "config-located");
        e.put("file", file);
        e.put("line", line);
        e.put("column", column);
        e.put("message", SanyDiagnostics.oneLine(message.replaceFirst("^TLC found an error in the configuration file at line \\d+\\s*", "")));
        events.emit(e);
    }
}
