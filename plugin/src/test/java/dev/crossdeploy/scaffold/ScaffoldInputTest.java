package dev.crossdeploy.scaffold;

import dev.crossdeploy.CrossdeployException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Init's inputs: the accounts and the handler, each bad value refused in one line. */
class ScaffoldInputTest {
    @Test
    void accountsAreStagesInPromotionOrder() {
        assertThat(StageAccount.parse(" staging=222222222222, qa=333333333333,prod=444444444444 "))
                .containsExactly(new StageAccount("staging", "222222222222"), new StageAccount("qa", "333333333333"),
                        new StageAccount("prod", "444444444444"));
        assertThat(new StageAccount("prod", "444444444444").protectedStage()).isTrue();
        assertThat(new StageAccount("qa", "333333333333").protectedStage()).isFalse();
    }

    @Test
    void aBadAccountEntryIsOneLine() {
        assertThatThrownBy(() -> StageAccount.parse("staging=2222"))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("crossdeploy.accounts entry 'staging=2222' is not <stage>=<12-digit account id> (stage: lower-case"
                        + " letters, digits, '-'); e.g. -Dcrossdeploy.accounts=staging=222222222222,prod=444444444444.");
        assertThatThrownBy(() -> StageAccount.parse("qa=333333333333,qa=444444444444"))
                .hasMessage("crossdeploy.accounts names stage 'qa' twice; give each stage once, e.g."
                        + " -Dcrossdeploy.accounts=staging=222222222222,prod=444444444444.");
        assertThatThrownBy(() -> StageAccount.parse(" , "))
                .hasMessage("crossdeploy.accounts is empty; give the stages in promotion order, e.g."
                        + " -Dcrossdeploy.accounts=staging=222222222222,prod=444444444444.");
    }

    @Test
    void theDefaultHandlerComesFromTheProjectsCoordinates() {
        HandlerName h = HandlerName.of(null, "com.acme-corp.2fast", "order-service");
        assertThat(h.lambdaHandler()).isEqualTo("com.acme_corp._2fast.OrderServiceHandler::handleRequest");
        assertThat(h.sourceFile()).isEqualTo(Path.of("com/acme_corp/_2fast/OrderServiceHandler.java"));
        assertThat(HandlerName.of("com.acme.Orders::handle", "x", "y").lambdaHandler()).isEqualTo("com.acme.Orders::handle");
        assertThat(HandlerName.of("com.acme.Orders", "x", "y").lambdaHandler()).isEqualTo("com.acme.Orders::handleRequest");
    }

    @Test
    void aHandlerThatIsNoClassNameIsOneLine() {
        assertThatThrownBy(() -> HandlerName.of("com.acme.Orders::", "x", "y"))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("crossdeploy.handler 'com.acme.Orders::' is not a Java class name with an optional ::method;"
                        + " e.g. -Dcrossdeploy.handler=com.acme.orders.OrdersHandler::handleRequest.");
    }
}
