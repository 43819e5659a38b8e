package dev.crossdeploy.scaffold;

import dev.crossdeploy.CrossdeployException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One stage of the scaffolded stages file: its name and the account it deploys to. A stage
 * named {@code prod} or {@code production} is written protected.
 */
public record StageAccount(String name, String accountId) {
    static final String EXAMPLE = "-Dcrossdeploy.accounts=staging=222222222222,prod=444444444444";

    /** Whether the stages file marks this stage protected. */
    public boolean protectedStage() {
        return name.equals("prod") || name.equals("production");
    }

    /**
     * Parses {@code staging=222222222222,prod=444444444444}, in promotion order.
     *
     * @throws CrossdeployException one line naming the bad entry and the expected form
     */
    public static List<StageAccount> parse(String text) {
        List<StageAccount> stages = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String entry : text.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) continue;
            int eq = e.indexOf('=');
            String name = eq < 0 ? e : e.substring(0, eq).trim();
            String account = eq < 0 ? "" : e.substring(eq + 1).trim();
            if (!name.matches("[a-z][a-z0-9-]{0,19}") || !account.matches("\\d{12}")) {
                throw new CrossdeployException("crossdeploy.accounts entry '" + e + "' is not <stage>=<12-digit account id>"
                        + " (stage: lower-case letters, digits, '-'); e.g. " + EXAMPLE + ".");
            }
            if (!names.add(name)) {
                throw new CrossdeployException("crossdeploy.accounts names stage '" + name + "' twice; give each stage once, e.g. "
                        + EXAMPLE + ".");
            }
            stages.add(new StageAccount(name, account));
        }
        if (stages.isEmpty()) {
            throw new CrossdeployException("crossdeploy.accounts is empty; give the stages in promotion order, e.g. " + EXAMPLE + ".");
        }
        return List.copyOf(stages);
    }
}
