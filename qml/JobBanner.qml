import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// At the top of the room list while a bulk job is active (running, pausing, paused, cancelling):
// its title and progress ("Resuming “Leave 25 rooms” — 10 of 25 done" for a job restored from
// the last run), with Pause/Resume, Cancel and Details (the jobs panel). The buttons act on the
// Job itself; Details asks the page to open the panel.
Pane {
    id: root

    required property JobQueue jobs

    // The job shown: the oldest active one (restored jobs come first in the list).
    readonly property Job job: {
        if (root.jobs.activeCount <= 0)
            return null
        const list = root.jobs.jobs
        for (let i = 0; i < list.length; ++i) {
            if (list[i].active)
                return list[i]
        }
        return null
    }
    readonly property int otherActive: Math.max(0, root.jobs.activeCount - 1)
    readonly property bool paused: job !== null && (job.state === Job.Paused || job.state === Job.Pausing)

    signal detailsRequested()

    function describe(): string {
        const j = root.job
        if (!j)
            return ""
        const done = qsTr("%1 of %2 done").arg(j.done).arg(j.total)
        let text
        if (j.state === Job.Paused)
            text = qsTr("Paused: “%1” — %2").arg(j.title).arg(done)
        else if (j.state === Job.Pausing)
            text = qsTr("Pausing “%1” — %2").arg(j.title).arg(done)
        else if (j.state === Job.Cancelling)
            text = qsTr("Cancelling “%1” — %2").arg(j.title).arg(done)
        else if (j.restored)
            text = qsTr("Resuming “%1” — %2").arg(j.title).arg(done)
        else
            text = qsTr("“%1” — %2").arg(j.title).arg(done)
        if (j.failed > 0)
            text += " · " + qsTr("%1 failed").arg(j.failed)
        if (j.state === Job.Running && j.etaSeconds > 0)
            text += " · " + qsTr("about %1 left").arg(Theme.duration(j.etaSeconds))
        if (root.otherActive > 0)
            text += " · " + (root.otherActive === 1 ? qsTr("1 more job")
                                                     : qsTr("%1 more jobs").arg(root.otherActive))
        return text
    }

    objectName: "jobBanner"
    visible: job !== null
    padding: Theme.spacing / 2
    leftPadding: Theme.spacing
    rightPadding: Theme.spacing
    background: Rectangle {
        color: Theme.noticeBackground
        Rectangle {
            width: parent.width
            height: 1
            anchors.bottom: parent.bottom
            color: Theme.separator
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            // A Text keeps its role: the progress is read as a status line.
            Text {
                objectName: "jobBannerText"
                Layout.fillWidth: true
                text: root.describe()
                textFormat: Text.PlainText
                elide: Text.ElideRight
                color: Theme.text
                Accessible.role: Accessible.StatusBar
                Accessible.name: text
            }
            ProgressBar {
                objectName: "jobBannerProgress"
                Layout.fillWidth: true
                from: 0
                to: 1
                value: root.job ? root.job.progress : 0
                Accessible.name: qsTr("Progress of “%1”").arg(root.job ? root.job.title : "")
            }
        }
        Button {
            objectName: "jobBannerPauseButton"
            enabled: root.job !== null && root.job.state !== Job.Cancelling
            text: root.paused ? qsTr("Resume") : qsTr("Pause")
            Accessible.name: root.paused ? qsTr("Resume “%1”").arg(root.job ? root.job.title : "")
                                         : qsTr("Pause “%1”").arg(root.job ? root.job.title : "")
            onClicked: {
                if (root.paused)
                    root.job.resume()
                else
                    root.job.pause()
            }
        }
        Button {
            objectName: "jobBannerCancelButton"
            enabled: root.job !== null && root.job.state !== Job.Cancelling
            text: qsTr("Cancel")
            Accessible.name: qsTr("Cancel “%1”").arg(root.job ? root.job.title : "")
            ToolTip.visible: hovered
            ToolTip.delay: 600
            ToolTip.text: qsTr("What is being sent finishes; the rest is not sent")
            onClicked: root.job.cancel()
        }
        Button {
            objectName: "jobBannerDetailsButton"
            text: qsTr("Details")
            Accessible.name: qsTr("Show the jobs panel")
            onClicked: root.detailsRequested()
        }
    }
}
