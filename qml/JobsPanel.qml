pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// The bulk jobs of this account: a list of jobs (title, progress bar, counts), and the chosen
// job's details: what it is doing now (e.g. waiting for the server's rate limit), done / failed /
// remaining, the time left at the observed pace, Pause/Resume, Cancel, Retry failed, Remove, and
// the result of every item with the exact error. The buttons act on the Job and the JobQueue.
BaseDialog {
    id: root

    required property JobQueue jobs

    // The job whose details are shown.
    property Job job: null
    readonly property bool jobPaused: job !== null && (job.state === Job.Paused || job.state === Job.Pausing)

    function stateName(j: Job): string {
        if (!j)
            return ""
        switch (j.state) {
        case Job.Running: return qsTr("Running")
        case Job.Pausing: return qsTr("Pausing")
        case Job.Paused: return qsTr("Paused")
        case Job.Cancelling: return qsTr("Cancelling")
        case Job.Cancelled: return qsTr("Cancelled")
        case Job.Finished: return j.failed > 0 ? qsTr("Finished with failures") : qsTr("Finished")
        }
        return ""
    }
    function countsText(j: Job): string {
        if (!j)
            return ""
        let text = qsTr("%1 done · %2 failed · %3 remaining").arg(j.done).arg(j.failed + j.unknown).arg(j.remaining)
        if (j.cancelledCount > 0)
            text += " · " + qsTr("%1 cancelled").arg(j.cancelledCount)
        return text
    }
    function etaText(j: Job): string {
        if (!j || (j.state !== Job.Running && j.state !== Job.Pausing))
            return ""
        if (j.etaSeconds < 0)
            return qsTr("Time left: not known yet")
        return qsTr("Time left: about %1").arg(Theme.duration(j.etaSeconds))
    }
    // Opens the panel on a job (by default the first active one, else the newest).
    function openOn(j: Job) {
        root.job = j
        if (!root.job) {
            const list = root.jobs.jobs
            for (let i = 0; i < list.length && !root.job; ++i)
                if (list[i].active)
                    root.job = list[i]
            if (!root.job && list.length > 0)
                root.job = list[list.length - 1]
        }
        open()
    }

    objectName: "jobsPanel"
    title: qsTr("Bulk actions")
    preferredWidth: 720
    onOpened: {
        jobList.currentIndex = Math.max(0, jobList.indexOfJob(root.job))
        jobList.forceActiveFocus(Qt.TabFocusReason)
    }

    // A removed job: show another one.
    Connections {
        target: root.jobs
        function onJobsChanged() {
            const list = root.jobs.jobs
            for (let i = 0; i < list.length; ++i)
                if (list[i] === root.job)
                    return
            root.job = list.length > 0 ? list[list.length - 1] : null
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Label {
            objectName: "jobsEmptyText"
            Layout.fillWidth: true
            visible: jobList.count === 0
            wrapMode: Text.Wrap
            color: Theme.secondaryText
            text: qsTr("No bulk actions. Select rooms in the list (Ctrl+click, Shift+click, Space) to leave, forget, accept or decline many at once.")
        }

        // The jobs, oldest first.
        Frame {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(3, Math.max(1, jobList.count)) * 52 + 2 * padding
            Layout.minimumHeight: Math.min(2, Math.max(1, jobList.count)) * 52 + 2 * padding
            visible: jobList.count > 0
            padding: 1

            ListView {
                id: jobList
                objectName: "jobList"
                anchors.fill: parent
                clip: true
                model: root.jobs.jobs
                keyNavigationEnabled: true
                activeFocusOnTab: true
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Jobs")
                ScrollBar.vertical: ScrollBar {}
                onCurrentIndexChanged: {
                    const list = root.jobs.jobs
                    if (currentIndex >= 0 && currentIndex < list.length)
                        root.job = list[currentIndex]
                }

                function indexOfJob(j: Job): int {
                    const list = root.jobs.jobs
                    for (let i = 0; i < list.length; ++i)
                        if (list[i] === j)
                            return i
                    return -1
                }

                delegate: ItemDelegate {
                    id: jobRow
                    required property int index
                    required property Job modelData

                    objectName: "jobRow" + index
                    width: ListView.view.width
                    height: 52
                    focusPolicy: Qt.NoFocus
                    highlighted: ListView.isCurrentItem
                    Accessible.role: Accessible.ListItem
                    Accessible.name: modelData ? modelData.title + ", " + root.stateName(modelData) + ", "
                                                 + root.countsText(modelData) : ""
                    onClicked: jobList.currentIndex = index

                    contentItem: ColumnLayout {
                        spacing: 2
                        RowLayout {
                            Layout.fillWidth: true
                            Text {
                                Layout.fillWidth: true
                                text: jobRow.modelData ? jobRow.modelData.title : ""
                                textFormat: Text.PlainText
                                elide: Text.ElideRight
                                font.bold: true
                                color: jobRow.highlighted ? jobRow.palette.highlightedText : Theme.text
                            }
                            Text {
                                text: !jobRow.modelData ? ""
                                      : root.stateName(jobRow.modelData) + " · "
                                        + qsTr("%1 of %2").arg(jobRow.modelData.done).arg(jobRow.modelData.total)
                                textFormat: Text.PlainText
                                color: jobRow.highlighted ? jobRow.palette.highlightedText : Theme.secondaryText
                            }
                        }
                        ProgressBar {
                            Layout.fillWidth: true
                            from: 0
                            to: 1
                            value: jobRow.modelData ? jobRow.modelData.progress : 0
                            Accessible.ignored: true
                        }
                    }
                }
            }
        }

        // The chosen job.
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: root.job !== null
            spacing: Theme.spacing / 2

            Text {
                objectName: "jobTitle"
                Layout.fillWidth: true
                text: root.job ? root.job.title + " — " + root.stateName(root.job) : ""
                textFormat: Text.PlainText
                elide: Text.ElideRight
                font.bold: true
                color: Theme.text
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            ProgressBar {
                objectName: "jobProgress"
                Layout.fillWidth: true
                from: 0
                to: 1
                value: root.job ? root.job.progress : 0
                Accessible.name: qsTr("Progress")
            }
            Text {
                objectName: "jobCounts"
                Layout.fillWidth: true
                text: root.countsText(root.job)
                textFormat: Text.PlainText
                color: Theme.text
                Accessible.role: Accessible.StatusBar
                Accessible.name: text
            }
            Text {
                objectName: "jobEta"
                Layout.fillWidth: true
                visible: text !== ""
                text: root.etaText(root.job)
                textFormat: Text.PlainText
                color: Theme.secondaryText
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
            // What it is doing now ("waiting 5 s (server rate limit)") or why it stopped.
            Text {
                objectName: "jobStatus"
                Layout.fillWidth: true
                visible: text !== ""
                text: !root.job ? ""
                      : root.job.problem !== "" ? root.job.problem
                      : root.job.currentOperation ? root.job.currentOperation.statusText
                      : root.job.statusText
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                color: root.job && root.job.problem !== "" ? Theme.errorText : Theme.secondaryText
                Accessible.role: root.job && root.job.problem !== "" ? Accessible.AlertMessage : Accessible.StaticText
                Accessible.name: text
            }

            Flow {
                Layout.fillWidth: true
                spacing: Theme.spacing / 2
                // Enter/Return presses the focused button, as in the footer.
                Keys.onReturnPressed: event => event.accepted = footerBar.pressFocusedButton()
                Keys.onEnterPressed: event => event.accepted = footerBar.pressFocusedButton()
                Button {
                    objectName: "jobPauseButton"
                    visible: root.job !== null && root.job.active
                    enabled: root.job !== null && root.job.state !== Job.Cancelling
                    text: root.jobPaused ? qsTr("Resume") : qsTr("Pause")
                    Accessible.name: root.jobPaused ? qsTr("Resume this job") : qsTr("Pause this job")
                    onClicked: {
                        if (root.job.state === Job.Paused || root.job.state === Job.Pausing)
                            root.job.resume()
                        else
                            root.job.pause()
                    }
                }
                Button {
                    objectName: "jobCancelButton"
                    visible: root.job !== null && root.job.active
                    enabled: root.job !== null && root.job.state !== Job.Cancelling
                    text: qsTr("Cancel job")
                    Accessible.name: qsTr("Cancel this job: what is being sent finishes, the rest is not sent")
                    onClicked: root.job.cancel()
                }
                Button {
                    objectName: "jobRetryButton"
                    visible: root.job !== null && (root.job.failed + root.job.unknown) > 0
                             && root.job.state !== Job.Cancelling
                    text: qsTr("Retry failed")
                    Accessible.name: qsTr("Retry the failed items of this job")
                    onClicked: root.job.retryFailed()
                }
                Button {
                    objectName: "jobRemoveButton"
                    visible: root.job !== null && !root.job.active
                    text: qsTr("Remove")
                    Accessible.name: qsTr("Remove this finished job from the list")
                    onClicked: root.jobs.removeJob(root.job.id)
                }
            }

            Label {
                text: qsTr("Results")
                font.bold: true
            }
            Frame {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 2 * 44
                Layout.preferredHeight: 5 * 44 + 2 * padding
                padding: 1

                ListView {
                    id: itemList
                    objectName: "jobItems"
                    anchors.fill: parent
                    clip: true
                    model: root.job ? root.job.items : null
                    keyNavigationEnabled: true
                    activeFocusOnTab: true
                    Accessible.role: Accessible.List
                    Accessible.name: qsTr("Results of each room")
                    ScrollBar.vertical: ScrollBar {}

                    delegate: ItemDelegate {
                        id: itemRow
                        required property int index
                        required property string target
                        required property string targetName
                        required property string userId
                        required property int itemState
                        required property string error
                        required property string resultText

                        readonly property bool isFailed: itemState === Job.ItemFailed || itemState === Job.ItemUnknown

                        objectName: "jobItem" + index
                        width: ListView.view.width
                        focusPolicy: Qt.NoFocus
                        highlighted: ListView.isCurrentItem && itemList.activeFocus
                        Accessible.role: Accessible.ListItem
                        Accessible.name: (userId !== "" ? userId + ", " : "") + targetName + ": " + resultText
                                         + (error !== "" && resultText.indexOf(error) < 0 ? " " + error : "")
                        contentItem: ColumnLayout {
                            spacing: 0
                            Text {
                                objectName: "jobItemName"
                                Layout.fillWidth: true
                                text: itemRow.userId !== "" ? qsTr("%1 to %2").arg(itemRow.userId).arg(itemRow.targetName)
                                                            : itemRow.targetName
                                textFormat: Text.PlainText
                                elide: Text.ElideRight
                                font.bold: true
                                color: Theme.text
                            }
                            Text {
                                objectName: "jobItemResult"
                                Layout.fillWidth: true
                                text: (itemRow.isFailed ? "⚠ " : itemRow.itemState === Job.ItemSucceeded ? "✓ " : "")
                                      + itemRow.resultText
                                      + (itemRow.error !== "" && itemRow.resultText.indexOf(itemRow.error) < 0
                                         ? " " + itemRow.error : "")
                                textFormat: Text.PlainText
                                wrapMode: Text.Wrap
                                color: itemRow.isFailed ? Theme.errorText
                                     : itemRow.itemState === Job.ItemSucceeded ? Theme.okColor : Theme.secondaryText
                            }
                        }
                    }
                }
            }
        }
    }

    footer: DialogFooter {
        id: footerBar
        Button {
            id: closeButton
            objectName: "jobsCloseButton"
            text: qsTr("Close")
            Accessible.name: qsTr("Close the jobs panel")
            onClicked: root.close()
        }
    }
}
