package kg.evpower.console.shell;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import kg.evpower.console.api.Dto;
import kg.evpower.console.fx.Controls;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.i18n.Messages;

/** The login screen; it binds to {@link LoginViewModel} and holds no logic. */
public final class LoginView extends StackPane {

    public LoginView(LoginViewModel vm, Messages m, Formats f, javafx.scene.Node preferences) {
        Label title = new Label(m.get("login.title"));
        title.getStyleClass().add("title-2");
        Label subtitle = new Label(m.get("login.subtitle"));
        subtitle.getStyleClass().add("text-muted");
        subtitle.setWrapText(true);

        TextField phone = new TextField();
        phone.setId("login-phone");
        phone.setPromptText(m.get("login.phone.prompt"));
        phone.textProperty().bindBidirectional(vm.phoneProperty());
        Button send = new Button();
        send.setId("login-send");
        send.setMaxWidth(Double.MAX_VALUE);
        send.textProperty().bind(vm.sendText());
        send.disableProperty().bind(vm.canSend().not());
        send.setOnAction(e -> vm.sendCode());

        TextField code = new TextField();
        code.setId("login-code");
        code.setPromptText(m.get("login.code.prompt"));
        code.textProperty().bindBidirectional(vm.codeProperty());
        code.disableProperty().bind(vm.codeSentProperty().not());
        Button submit = new Button(m.get("login.submit"));
        submit.setId("login-submit");
        submit.setDefaultButton(true);
        submit.getStyleClass().add("accent");
        submit.setMaxWidth(Double.MAX_VALUE);
        submit.disableProperty().bind(vm.canVerify().not());
        submit.setOnAction(e -> vm.verify());

        Label sandboxCode = new Label();
        sandboxCode.setId("login-sandbox-code");
        sandboxCode.getStyleClass().add("success");
        sandboxCode.textProperty().bind(vm.sandboxCodeProperty());
        sandboxCode.visibleProperty().bind(vm.sandboxProperty().and(vm.sandboxCodeProperty().isNotNull()));
        sandboxCode.managedProperty().bind(sandboxCode.visibleProperty());

        Label message = new Label();
        message.setId("login-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        Label error = new Label();
        error.setId("login-error");
        error.setWrapText(true);
        error.getStyleClass().add("danger");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        VBox form = new VBox(8, title, subtitle, new Label(m.get("login.phone")), phone, send,
                new Label(m.get("login.code")), code, sandboxCode, submit, message, error);
        // the error stands under the field it is about: the phone, the code, or under the form
        vm.errorFieldProperty().addListener((o, a, b) -> {
            form.getChildren().remove(error);
            Node after = b == LoginViewModel.Field.PHONE ? phone : b == LoginViewModel.Field.CODE ? code : message;
            form.getChildren().add(form.getChildren().indexOf(after) + 1, error);
        });
        form.setPadding(new Insets(28));
        form.setMaxWidth(480);
        form.setMaxHeight(USE_PREF_SIZE);
        form.getStyleClass().add("login-card");

        ListView<Dto.SandboxAccount> accounts = new ListView<>(vm.accounts());
        accounts.setId("login-accounts");
        accounts.setPrefHeight(220);
        accounts.setCellFactory(x -> Controls.textCell(vm::accountText, null));
        accounts.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.phoneProperty().set(b.phone());
            }
        });
        Label accountsTitle = new Label(m.get("login.accounts"));
        accountsTitle.getStyleClass().add("text-bold");
        VBox demo = new VBox(6, accountsTitle, accounts);
        demo.visibleProperty().bind(vm.sandboxProperty().and(Bindings.isNotEmpty(vm.accounts())));
        demo.managedProperty().bind(demo.visibleProperty());
        form.getChildren().add(demo);

        BorderPane page = new BorderPane();
        page.setTop(preferences);
        BorderPane.setMargin(preferences, new Insets(0, 0, 12, 0));
        StackPane centre = new StackPane(form);
        centre.setAlignment(Pos.CENTER);
        page.setCenter(centre);
        getChildren().add(page);
        setPadding(new Insets(20));
    }
}
